"""The Qt-free core: rubrics, workshops, consensus statistics, roadmap, storage."""
