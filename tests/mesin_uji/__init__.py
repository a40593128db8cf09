"""A second kind of subject for the step engine's own tests: proves the engine walks anything
built on JalanSop, without an application, a DTKS check or a letter."""
