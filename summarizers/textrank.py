"""TextRank: sumy's stock algorithm, offline, with the shared readability rules."""
from sumy.summarizers.text_rank import TextRankSummarizer

from summarizers.sumy_adapter import SumySummarizer

SUMMARIZER = SumySummarizer("textrank", TextRankSummarizer)
