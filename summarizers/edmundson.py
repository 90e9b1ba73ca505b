"""Edmundson: sumy's stock algorithm, offline, with the shared readability rules."""
from sumy.summarizers.edmundson import EdmundsonSummarizer

from summarizers.sumy_adapter import SumySummarizer

SUMMARIZER = SumySummarizer("edmundson", EdmundsonSummarizer)
