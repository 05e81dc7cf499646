from inspect_cli.cli import main

main()
