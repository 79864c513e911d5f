import pytest
from django.core.management import call_command


@pytest.fixture
def demo_cycle(db):
    """The seed's Appendix 3 cycle, loaded from the data file in the repository."""
    call_command("import_cycle", verbosity=0)
    from reporting.models import CycleItem

    return {item.name: item for item in CycleItem.objects.all()}


def pdf_text(content: bytes) -> tuple[str, int]:
    """Return the text of a PDF and its page count."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)
