"""Layer 8, the command line: Click commands, options, and printing (plain, Rich, JSON); the one
place errors become a line and an exit status.

May import: every layer.
"""
