"""The catalogue of SOPs as data: the flow check (alur), the SOP sheet (lembar), and sharing an
SOP as YAML (sop_yaml)."""
