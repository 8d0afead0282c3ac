"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

const LEAVE_QUESTION = "You have unsaved changes on this page. Leave without saving them?";

/**
 * While `dirty`, leaving the page asks first: a reload or another site through the browser's own
 * "Leave site?" (beforeunload), and a link to another page of this app through the same question
 * (the app router changes pages without unloading, so beforeunload never fires for its links).
 * Links to the same page (a #fragment), new tabs and downloads are left alone, and so is a link
 * marked `data-leave-guard="self"`, whose own click handler decides (the grading view's "Next
 * ungraded" waits for the saves). Not covered: the browser's Back and Forward within the app, and
 * signing out (a form).
 */
export function useLeaveGuard(dirty: boolean) {
  const router = useRouter();
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    // On window, in the capture phase: before React's listeners on the document, so the app
    // router's Link never sees a click that was asked about.
    const click = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (!(link instanceof HTMLAnchorElement) || (link.target && link.target !== "_self") || link.hasAttribute("download")) return;
      if (link.dataset.leaveGuard === "self") return;
      const url = new URL(link.href, window.location.href);
      if (url.origin !== window.location.origin) return; // a full page load: beforeunload asks
      if (url.pathname === window.location.pathname && url.search === window.location.search) return;
      event.preventDefault();
      event.stopImmediatePropagation(); // one question, however many editors are unsaved
      if (window.confirm(LEAVE_QUESTION)) router.push(`${url.pathname}${url.search}${url.hash}`);
    };
    window.addEventListener("beforeunload", warn);
    window.addEventListener("click", click, true);
    return () => {
      window.removeEventListener("beforeunload", warn);
      window.removeEventListener("click", click, true);
    };
  }, [dirty, router]);
}
