print("pdev")
