"""Layer 0, the model: what infoview's data is (notes, values, names, advice, reminders, errors,
the Markdown it writes), as plain data and pure functions.

May import: the standard library and nothing else of infoview's but this package.
"""
