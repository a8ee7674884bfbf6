"""The command line's subcommands, one module each: ``add_parser(sub)`` declares the command and
sets ``run`` (a function of the parsed arguments returning the exit code) as its default."""
