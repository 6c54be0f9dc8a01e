"""The citizen web portal (一站式服务): server-rendered pages, progressively enhanced."""
