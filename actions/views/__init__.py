"""Pages of action plans, actions, risk registers and risks, and their exports."""
