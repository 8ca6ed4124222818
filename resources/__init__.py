"""The files the app ships (consent wording, easy-read pictures, fonts, style sheets), installed
as the package `cstr_desk.resources` so a wheel carries them; read them through
`cstr_desk.paths.resource_path`."""
