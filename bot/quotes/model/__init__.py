"""A statistical attribution model: a CRF that labels content, cue and source spans.

``corpus`` reads PolNeAR-style brat folders, ``tokens`` cuts paragraphs into tokens,
``features`` describes each token (words, cue lexicon, quotation marks, the rules' own
findings), ``train`` fits the model, ``tagger`` loads it and labels an article, and
``link`` turns labelled spans into attributions joined with the rules' ones.
"""
