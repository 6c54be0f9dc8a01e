"""The synthetic demo city (辛集市, with 晋州市 as a second office): persons, employers, histories."""
