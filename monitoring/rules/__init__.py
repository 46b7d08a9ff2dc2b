"""The rules, pure Python (no Django): catalogue, engine, concern fold, wording, scenarios."""
