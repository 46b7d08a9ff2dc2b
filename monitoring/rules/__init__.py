"""The rules, pure Python (no Django): catalogue, engine, wording, grouping, scenario harness."""
