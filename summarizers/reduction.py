"""Reduction: sumy's stock algorithm, offline, with the shared readability rules."""
from sumy.summarizers.reduction import ReductionSummarizer

from summarizers.sumy_adapter import SumySummarizer

SUMMARIZER = SumySummarizer("reduction", ReductionSummarizer)
