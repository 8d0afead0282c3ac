"use client";

import dynamic from "next/dynamic";
import { patient } from "@/components/ui/patient-import";

/**
 * The grading view's studio card preview, in a chunk of its own, out of the page's first load for
 * the students who made no card. Rendered on the server like any client component, so where a card
 * is shown its chunk (small: the layout code loads later, see CardsForCustomer) is named in the
 * HTML and hydrates with the page.
 */
const load = patient(() => import("./cards-for-customer"));
export const LazyCardsForCustomer = dynamic(() => load().then((m) => m.CardsForCustomer));
