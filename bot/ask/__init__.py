"""Who said what, answered: reading a question, relevance to a topic, one statement across outlets, the answer."""
