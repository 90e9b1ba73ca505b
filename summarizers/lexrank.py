"""LexRank: sumy's stock algorithm, offline, with the shared readability rules."""
from sumy.summarizers.lex_rank import LexRankSummarizer

from summarizers.sumy_adapter import SumySummarizer

SUMMARIZER = SumySummarizer("lexrank", LexRankSummarizer)
