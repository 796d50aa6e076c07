"""Save a screenshot of the whole X screen ($DISPLAY) to argv[1]; the Xvfb smoke test's stand-in for `import`."""

import sys

from PySide6.QtGui import QGuiApplication

app = QGuiApplication(sys.argv[:1])
image = app.primaryScreen().grabWindow(0).toImage()
# Upscaled for OCR: tesseract reads 10-point Chinese UI text far better at twice the size.
sys.exit(0 if image.scaled(image.width() * 2, image.height() * 2).save(sys.argv[1]) else 1)
