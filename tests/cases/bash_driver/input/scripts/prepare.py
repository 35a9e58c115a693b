"""Clean the raw order export: keep orders of at least --min-qty items, add their total."""

import argparse

import pandas as pd


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--input", required=True, help="raw orders (CSV)")
    parser.add_argument("--output", required=True, help="cleaned orders (CSV)")
    parser.add_argument("--min-qty", type=int, default=1, help="smallest quantity kept")
    args = parser.parse_args()

    orders = pd.read_csv(args.input)
    orders = orders[orders["qty"] >= args.min_qty].copy()
    orders["total"] = (orders["qty"] * orders["price"]).round(2)
    orders = orders.sort_values("order_id")
    orders.to_csv(args.output, index=False)
    print(f"kept {len(orders)} orders")


if __name__ == "__main__":
    main()
