"""Security: response headers, hostile input, the second factor, and deleting an account."""
