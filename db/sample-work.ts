import type { Draft } from "../lib/validations/workspace";

/**
 * Sample work in the demo's own words, shared by the demo seed and the tests. `complete` passes
 * every check of the workspace except the graphic, which is an upload of its own.
 */
export const SAMPLE_DRAFTS: Record<"complete" | "lateComplete" | "onTime" | "started", Draft> = {
  complete: {
    ideas: [
      { id: "d1", text: "Their go-to drink" },
      { id: "d2", text: "How early they came in" },
      { id: "d3", text: "Busiest month" },
      { id: "d4", text: "Total spent" },
    ],
    picks: [
      { columnId: "drink", reason: "Everyone has a usual, and it's fun to be known for it." },
      { columnId: "earliest", reason: "Early birds will feel proud of their dedication." },
      { columnId: "month", reason: "It brings back a season and makes people nostalgic." },
    ],
    copy:
      "Thanks for an amazing year, [Name]!\nYour signature order? A [Most Ordered Drink] — we could make it with our eyes closed.\n" +
      "You beat the sunrise with a [Earliest Order (Time)] visit, and [Month with Most Visits] was your month.\nSee you next year!",
    answers: {
      q1: "My music app made me a playlist of songs I'd played most in the summer. It felt like it knew me, which was fun and a little strange.",
      q2: "My phone, my music and video apps, my school laptop and a fitness watch. Together they'd show when I sleep, what I like and where I go.",
      q3: "They could time ads for when I'm usually online and show things my friends like. I'd draw the line at using my location.",
    },
  },
  lateComplete: {
    ideas: [{ id: "l1", text: "Number of visits" }],
    picks: [
      { columnId: "purchases", reason: "A big number feels like an achievement." },
      { columnId: "spend", reason: "People are curious how much they spent." },
      { columnId: "pastry", reason: "Pastries are a treat to remember." },
    ],
    copy: "Hey [Name]! You stopped by [Number of Purchases] times and spent $[Spend]. Your favorite treat: [Pastry]!",
    answers: { q1: "A shoe store emailed me on my birthday.", q2: "Social media and games.", q3: "Ads for games I already play." },
  },
  onTime: {
    ideas: [{ id: "o1", text: "Pastry" }],
    picks: [
      { columnId: "pastry", reason: "Everyone remembers their favorite treat." },
      { columnId: "visits", reason: "Coming three times in a day is a funny record." },
      { columnId: "month", reason: "It ties the recap to a season." },
    ],
    copy: "[Name], you're a legend! [Most Visits in One Day] visits in one day, a soft spot for [Pastry], and [Month] was all yours.",
    answers: { q1: "My streaming app's yearly recap.", q2: "Phone, browser, games.", q3: "Showing me deals at the times I shop." },
  },
  started: {
    ideas: [
      { id: "s1", text: "favorite drink" },
      { id: "s2", text: "latest order" },
    ],
    picks: [
      { columnId: "drink", reason: "It's personal." },
      { columnId: "latest", reason: "" },
    ],
    copy: "Hi [Name], your [Drink]",
    answers: {},
  },
};
