"""SumBasic: sumy's stock algorithm, offline, with the shared readability rules."""
from sumy.summarizers.sum_basic import SumBasicSummarizer

from summarizers.sumy_adapter import SumySummarizer

SUMMARIZER = SumySummarizer("sumbasic", SumBasicSummarizer)
