"""Analysis of bash (scripts, notebook shell lines): statements, their effects, steps, chunks."""
