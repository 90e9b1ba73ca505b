"""KL: sumy's stock algorithm, offline, with the shared readability rules."""
from sumy.summarizers.kl import KLSummarizer

from summarizers.sumy_adapter import SumySummarizer

SUMMARIZER = SumySummarizer("kl", KLSummarizer)
