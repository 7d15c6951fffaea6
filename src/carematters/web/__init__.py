"""The Django edge of carematters: the child's record, people and access, audit, and the 903."""
