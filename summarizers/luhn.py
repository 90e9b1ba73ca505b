"""Luhn: sumy's stock algorithm, offline, with the shared readability rules."""
from sumy.summarizers.luhn import LuhnSummarizer

from summarizers.sumy_adapter import SumySummarizer

SUMMARIZER = SumySummarizer("luhn", LuhnSummarizer)
