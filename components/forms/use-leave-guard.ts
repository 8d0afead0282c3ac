"use client";

import { useEffect } from "react";

const LEAVE_QUESTION = "You have unsaved changes on this page. Leave without saving them?";

/** What on this page would be lost now, each with its question (one question however many there are: the first's). */
const unsaved = new Map<symbol, string>();
/** True while a click or traversal the reader agreed to is passed on to the app router. */
let passing = false;

/**
 * Whether the reader may leave this page now: yes when nothing on it is unsaved, else their answer to
 * the leave question. For ways of leaving that are not links, such as signing out.
 */
export function mayLeave(): boolean {
  return unsaved.size === 0 || window.confirm(question());
}

function question(): string {
  return unsaved.values().next().value ?? LEAVE_QUESTION;
}

/** The part of the Navigation API this uses (Chromium, Firefox 147, Safari 26.2; not yet in TypeScript's DOM types). */
type TraverseEvent = Event & { navigationType: string; cancelable: boolean; hashChange: boolean };
type NavigationLike = EventTarget & { addEventListener(type: "navigate", listener: (event: TraverseEvent) => void): void };

/**
 * While `dirty`, leaving the page asks first (`question`, where what would be lost is not unsaved
 * changes, such as one-time passwords shown only once):
 * - a reload or another site through the browser's own "Leave site?" (beforeunload);
 * - a link to another page of this app through the same question (the app router changes pages
 *   without unloading, so beforeunload never fires for its links). Once the reader agrees, the click
 *   is given back to the link, so it goes as it would have (replace, scroll, prefetched page);
 * - the browser's Back and Forward within the app, where the browser lets a page cancel them (the
 *   Navigation API's navigate event); elsewhere they still leave without asking;
 * - signing out, which asks `mayLeave()` itself.
 * Links to the same page (a #fragment), new tabs and downloads are left alone, and so is a link
 * marked `data-leave-guard="self"`, whose own click handler decides (the grading view's "Next
 * ungraded" waits for the saves).
 */
export function useLeaveGuard(dirty: boolean, question = LEAVE_QUESTION) {
  useEffect(() => {
    if (!dirty) return;
    const editor = Symbol("unsaved editor");
    if (unsaved.size === 0) listen(true);
    unsaved.set(editor, question);
    return () => {
      unsaved.delete(editor);
      if (unsaved.size === 0) listen(false);
    };
  }, [dirty, question]);
}

/** Installs (or removes) the listeners that ask, once for all the unsaved editors on the page. */
function listen(on: boolean) {
  const navigation = (window as unknown as { navigation?: NavigationLike }).navigation;
  if (on) {
    window.addEventListener("beforeunload", warn);
    // On window, in the capture phase: before React's listeners on the document, so the app
    // router's Link never sees a click that was asked about.
    window.addEventListener("click", click, true);
    navigation?.addEventListener("navigate", traverse);
  } else {
    window.removeEventListener("beforeunload", warn);
    window.removeEventListener("click", click, true);
    navigation?.removeEventListener("navigate", traverse as EventListener);
  }
}

function warn(event: BeforeUnloadEvent) {
  event.preventDefault();
}

function click(event: MouseEvent) {
  if (passing || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
  if (!(link instanceof HTMLAnchorElement) || (link.target && link.target !== "_self") || link.hasAttribute("download")) return;
  if (link.dataset.leaveGuard === "self") return;
  const url = new URL(link.href, window.location.href);
  if (url.origin !== window.location.origin) return; // a full page load: beforeunload asks
  if (url.pathname === window.location.pathname && url.search === window.location.search) return;
  event.preventDefault();
  event.stopImmediatePropagation();
  if (!window.confirm(question())) return;
  passing = true;
  try {
    link.click(); // dispatched at once: the Link's own handler navigates
  } finally {
    passing = false;
  }
}

/**
 * Back and Forward: the navigate event comes before the URL changes and before the app router's
 * popstate, and the browser lets a page cancel it (at most once per click or key press of the
 * reader's, against pages that trap them). A change of #fragment stays on the page.
 */
function traverse(event: TraverseEvent) {
  if (event.navigationType !== "traverse" || !event.cancelable || event.hashChange) return;
  if (!window.confirm(question())) event.preventDefault();
}
