-- Settled reservations are deleted a day after they were taken (ReservationSweeper); this index
-- finds them without reading the live ones. Flyway holds a transaction open while it migrates, so
-- the index cannot be built CONCURRENTLY here: an operator with a large table builds it that way
-- first, and this statement then finds it.
create index if not exists quota_reservation_settled
    on quota_reservation (created_at) where state <> 'reserved';
