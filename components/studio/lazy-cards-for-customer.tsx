"use client";

import dynamic from "next/dynamic";

/**
 * The grading view's studio card preview, in a chunk of its own, out of the page's first load for
 * the students who made no card. Rendered on the server like any client component, so where a card
 * is shown its chunk (small: the layout code loads later, see CardsForCustomer) is named in the
 * HTML and hydrates with the page.
 */
export const LazyCardsForCustomer = dynamic(() => import("./cards-for-customer").then((m) => m.CardsForCustomer));
