print("piazza")
