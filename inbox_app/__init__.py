"""inbox_app: a local shared inbox for small businesses."""

__version__ = "0.1.0"
APP_NAME = "inbox-app"
