"""Operations: health checks, structured logging without personal data, error pages."""
