"""textkit: newsbrief's one text toolkit, the bottom layer that ``bot`` and ``summarizers`` both use.

``words`` (the tokenizer), ``sentences`` (the sentence splitter), ``stems`` (Snowball),
``similarity`` (the one near-duplicate measure) and ``furniture`` (what is not the article).
It imports neither ``bot`` nor ``summarizers``; nothing here downloads anything.
"""
