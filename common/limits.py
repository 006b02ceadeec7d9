"""The ceilings no amount or point count in the suite may pass, whatever a programme's own
bounds say: every sum the ledger, the audit or a report makes of them stays far inside a
64-bit integer. The REST API's schemas publish them (minimum, maximum)."""

AMOUNT_MINOR_CEILING = 10**15  # minor units of any currency (10^15 VND is far beyond a sale)
POINTS_CEILING = 10**12  # points in any one figure
