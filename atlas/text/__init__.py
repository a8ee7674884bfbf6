"""The bottom room: words and numbers every layer uses (formatting, comparison wording, captions).
Imports nothing of ours."""
