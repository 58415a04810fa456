"""LLM providers: implementations of ``domain.agent.ChatProvider``."""
