from xlscore.cli import main

main()
