"""Personal data under UU PDP (issue 17, item 5): retention per kind, and what the office holds
about one NIK, produced or erased (docs/data-pribadi.md)."""
