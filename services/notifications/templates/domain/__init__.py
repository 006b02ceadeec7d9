"""The templates' domain, pure: the template language (syntax), what each message type
offers (catalogue), how values read in the member's language (formatting), the
templates the suite ships (defaults) and a template's checks and rendering (template)."""
