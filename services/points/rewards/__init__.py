"""The reward catalogue, redemptions and vouchers (loyalty.points.v1.RewardsService)."""
