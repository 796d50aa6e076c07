"""The submission for the city: content model, PDF packet, Excel in the city's layout, the signed package."""
