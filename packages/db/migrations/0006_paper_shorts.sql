-- The trade worker looks up the open shorts of a symbol on each of its evaluations (margin call, domain §9.4).
create index paper_positions_open_shorts on paper_positions (symbol) where status = 'open' and qty < 0;
