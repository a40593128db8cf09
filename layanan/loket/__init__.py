"""Intake at the loket: NIK/KK and region codes (validators, wilayah), checked scans (unggahan),
registering an application and the completeness decision (services)."""
