"""The synthetic demo city (辛集市, second office 晋州市): persons, employers, histories."""
