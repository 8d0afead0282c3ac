import type { LessonContent, LessonPlan, Rubric, StoredLessonContent } from "./types";

/**
 * The built-in "Year in Review" lesson. Facts and figures follow the lesson notes in
 * shared/lesson; every sentence is our own. Each assignment gets its own copy of this content
 * (see db/queries/assignments.ts), which the teacher may then edit.
 */

export const DEFAULT_TITLE = "Year in Review: personalized marketing";

export const DEFAULT_INSTRUCTIONS =
  "Work through the four steps for the coffee shop's loyalty club: choose your three datapoints, write the copy, " +
  "make your graphic in the card studio (or upload your own), then answer the reflection questions. Your work saves as you go " +
  "and stays a draft until you submit.";

/**
 * The case study, in the light format of lesson-text.ts: "## " and "### " start headings, "- " and
 * "1. " start list items, **bold** marks a term, a blank line ends a paragraph.
 */
const CASE_STUDY = `
## Your music, counted

Every time you press play on Spotify, build a playlist or look up an artist, the app writes down a small record of it: one datapoint. Across all of its listeners, those records pile up into a huge picture of what the world listens to, and when.

For years, Spotify put that picture to two practical uses. It watched for trends in listening, such as a song suddenly climbing in one country. And it used the play counts to work out how much money each artist and record label was owed in royalties.

## From a year-end e-mail to Wrapped

In 2013, Spotify tried something new. It sent every user an e-mail called "Year in Review" with a personal list of the songs they had played most that year. No team of people picked those songs: a machine-learning system read each person's own listening history and built each recap automatically. Listeners loved seeing their own habits played back to them, and many of them forwarded or posted their recap for friends and followers to see.

In 2016, the idea came back bigger, under a new name: Spotify Wrapped. Wrapped went beyond a list of songs. It told each listener:

- which artists they had played most;
- how many minutes they had spent with a favourite artist;
- how they ranked among that artist's listeners (for example, among the top few percent of fans).

The format mattered as much as the data. Each fact got its own tall, vertical card, shaped like a phone screen and sized to drop straight into a social media story. Sharing took one tap, and a huge number of people did it. Every shared card showed the Spotify name to the sharer's friends, so the campaign reached people the company never paid to reach. Marketers call this organic exposure: publicity the audience spreads for you, for free.

## Why it matters: by the numbers

- A background article on Wrapped reports that after the Wrapped campaign at the end of 2020, downloads of Spotify's mobile app rose by 21%.
- The same article says many people on Apple Music felt left out, since their service offered nothing similar.
- Other companies took note: Duolingo, Letterboxd (a film-diary app) and Nintendo all began sending yearly recaps of their own.
- Dates differ between sources. Our lesson follows the 2013 Year in Review and the 2016 launch of Wrapped; that article instead names a 2015 "Year in Music" that became Spotify Wrapped in 2017. Checking more than one source is part of reading about marketing, too.

## What is personalized marketing?

Personalized marketing means shaping marketing content to fit one individual customer rather than a crowd. Instead of one advert for everyone, each person gets a message built around what the business knows about them.

This is possible because of big data (very large collections of information about what customers do) and AI tools that can sort customers into small, specific groups, called segments, and keep adjusting as each person's behaviour changes. Wrapped is personalized marketing at its most visible: one design, filled in with a different person's data for every listener.

Netflix is the example most marketers reach for. It mixes its shows, its screens and its messages differently for each group of viewers, and its recommendation system, the row of titles picked "for you", is the best-known piece of personalization there is.

## How a business personalizes, step by step

1. **Collect data.** A business gathers demographics (such as age or location), browsing, purchases and stated preferences. An online shop can also record past orders, how a customer responded to earlier offers, and which links they clicked in follow-up e-mails. Quizzes and pop-up surveys let a business ask customers directly, in a more playful way.
2. **Store it where it can be searched.** Each time a customer is identified (a visit, a purchase, an e-mail sign-up), their data goes into one place that is easy to query, often called a data warehouse.
3. **Analyse it.** Marketers look at measures such as click-through rate (the number of clicks divided by the number of times something was shown), time spent on a page, and conversion patterns, for example how many visitors go on to join a mailing list. For a single customer, the questions become: what will they like next, is it in stock, would a discount persuade them, and are they likely to recommend a friend?
4. **Act on it.** The results flow into e-mails, push notifications or the screens inside the app. Data also shows which channels bring in customers (paid social media, e-mail, posters or other physical campaigns), so the budget can go where it works.

Amazon shows all of this at once. Its e-mails carry offers and recommendations matched to what you tend to buy. "Remarketing" reminds you of items you looked at but left behind. Reviews and the "customers who viewed this also viewed" row turn one visit into the next purchase.

## Four things AI targeting does well

### 1. Personalization at scale

AI can give a separate experience to a very large number of customers at once. It groups people into narrow segments by their interests, their behaviour and how they have dealt with the business before, and each segment gets content that fits it. Done well, this raises engagement (people pay attention), conversion (people buy or sign up) and satisfaction.

Example: Bloomreach, an e-commerce platform, offers an AI assistant called Loomi that automates product recommendations for online shops. It powers a search box that still finds the right product when a shopper misspells it, "frequently bought together" suggestions, and picks based on a customer's own history. Tools like this put personalization within reach of small businesses, not only giants.

### 2. Decisions in real time

AI can change course while the customer is still acting, instead of waiting for a monthly report. Automated campaigns react to what each person does.

Example: a shopper opens the same product page several times but never buys. Soon after, they receive a personal message recommending that exact product. Klaviyo, a marketing platform, sends automated messages like this when customers visit certain pages or click certain links. Doing that by hand for every shopper would be impossible.

### 3. Learning and adapting

A model gets better at targeting as it sees more data and more responses to what it sent.

Example: Netflix's recommendations learn from everything you watch. The more you use it, the more its suggestions match your taste.

### 4. Less human bias

Human marketers take mental shortcuts that can lead them astray. Decisions drawn from data can avoid some of those shortcuts.

Example: anchoring is the habit of leaning too heavily on the first piece of information we learn. Imagine a marketer who decided early on that the product's audience is "men in their 30s". Newer data shows that other groups now matter more, but the marketer keeps aiming every campaign at the first group. A data-driven tool has no first impression to cling to. Be careful, though: AI brings biases of its own (more on that under risk 4).

## Four ways AI targeting goes wrong, and the fixes

### 1. It is only as good as its data

If the data is wrong, out of date or biased, the targeting will be too. The result is money spent on the wrong people and a brand that looks careless.

Example: a shop whose customer records have not been updated for years sorts people into segments that no longer fit them, sending baby-product offers to parents whose children are now teenagers.

What marketers do: audit their data, update and validate it regularly, and check its quality at every stage, from collection to the final message.

### 2. It has no creativity or intuition

AI finds patterns in what already exists. It does not make intuitive leaps or invent a strategy nobody has tried, so human marketers remain essential.

What marketers do: combine the two. A team brainstorms campaign ideas together, then uses an AI tool to test which of those ideas best matches what customers are interested in.

### 3. It leans on the past

A model trained on history favours whatever worked before. When something changes suddenly, it is slow to catch up.

Example: a company keeps advertising only on the platforms that brought it customers in the past, such as Facebook and Instagram, and misses the newer platforms where new audiences are gathering.

What marketers do: weigh historical data against real-time insight and current trends in their industry.

### 4. Algorithmic bias

When the training data is biased, or the algorithm itself is flawed, the system can make decisions that are unfair in a consistent way. It may shut out whole groups of customers and damage their trust in the brand.

Example: a generative AI tool that learned from text full of stereotypes repeats those stereotypes in the adverts it writes for the very groups they describe.

What marketers do: train AI on diverse, representative data, and regularly audit the content AI produces before and after it goes out.

## Year in Review everywhere

Wrapped started a trend. Peloton now sends its riders an end-of-year summary of every workout they logged, and Duolingo tells learners how many words they studied over the year. The campaigns that people remember do more than collect numbers: they turn the numbers into something surprising, funny or flattering that a customer is proud to share.

That is your job in this lesson. A local coffee shop wants its own Year in Review, and you will decide which data to show, write the words, and design the cards.

## Sources

This case study retells, in our own words, the sample lesson plan "Personalized Marketing and Spotify Wrapped" by Mujo Learning Systems, which cites Jessica Shalvoy, "Spotify Unwrapped: Inside the Company's Biggest Marketing Campaign", Variety, 2021. Extra facts come from a marketing blog article on personalization.
`.trim();

const BRIEF =
  "You have been hired by a neighborhood coffee shop. Its loyalty club gives members discounts on seasonal items, " +
  "and the owners want to thank members with a personalized \u201cYear in Review\u201d they will want to share. " +
  "Using the customer table below, plan the recap (ideation), write reusable copy with placeholders " +
  "(copywriting), and design a graphic for a phone screen (design).\n\n" +
  "Your design can be one card or several. Keep the lettering large so it reads easily on a phone, and use a square or a tall " +
  "(portrait) shape so it is easy to post. Draw it by hand and take a photo, or use any design tool you like, such " +
  "as the free platform Canva.";

/** The worked example beside the copy editor: one message, written once, that fits every customer. */
const COPY_EXAMPLE =
  "Hey [Name]! Thank you for a whole year in our loyalty club. Over the last twelve months, you picked up " +
  "[Number of Purchases] orders from our counter. That's a lot of coffee love!";

export const DEFAULT_LESSON_PLAN: LessonPlan = {
  parts: [
    {
      id: "case-study",
      title: "Case study: Spotify Wrapped",
      minutes: 30,
      plan: [
        "Read the case study together, or in pairs with a short check-in after each section.",
        "- How did a 2013 e-mail of top songs turn into Wrapped in 2016, and why did people share it for free?",
        "- Put personalized marketing in your own words.",
        "- Which of the four benefits of AI targeting have you noticed as a customer? Which of the four risks worries you most?",
      ].join("\n"),
    },
    {
      id: "activity",
      title: "Activity: the coffee shop's Year in Review",
      minutes: 30,
      plan: [
        "Students work in the app, one step after the other.",
        "1. Ideation: study the five customers, list the datapoints they would like to see about themselves, then pick exactly three.",
        "2. Copywriting: write one thank-you message with placeholders such as [Name] that works for every customer.",
        "3. Design: make a card (or several) that is easy to read on a phone and easy to share.",
      ].join("\n"),
    },
    {
      id: "reflection",
      title: "Reflection and discussion",
      minutes: 30,
      plan: "Students answer the reflection questions on their own first, then the class talks them through with the prompts below.",
    },
  ],
  discussionNote:
    "Encourage students to guess and speculate: there are no wrong answers here. Get them to estimate the data " +
    "they leave behind in an ordinary day, and to wonder which companies can look at it.",
  discussionPrompts: [
    "How many web searches do you make in a day?",
    "How often do you post, like or comment on social media each day?",
    "Which apps and websites do you use regularly, and does each of them collect data about you?",
    "What could someone learn about your hobbies, your interests and your life from that activity?",
  ].join("\n"),
  grouping:
    "After the worksheet, talk the questions through as a whole class, or split into small groups of three or four " +
    "and ask each group to share its most surprising answer.",
};

export const DEFAULT_DATASET: LessonContent["dataset"] = {
  columns: [
    { id: "name", name: "Name" },
    { id: "purchases", name: "Number of Purchases" },
    { id: "drink", name: "Most Ordered Drink" },
    { id: "spend", name: "Total Spend (USD)" },
    { id: "earliest", name: "Earliest Order (Time)" },
    { id: "latest", name: "Latest Order (Time)" },
    { id: "visits", name: "Most Visits in One Day" },
    { id: "pastry", name: "Most Ordered Pastry" },
    { id: "month", name: "Month with Most Visits" },
  ],
  nameColumnId: "name",
  rows: [
    ["Sarah Johns", "156", "Latte", "624", "7:15 AM", "8:30 PM", "3", "Croissant", "October"],
    ["James Miller", "98", "Cappuccino", "390", "6:45 AM", "7:00 PM", "2", "Blueberry Muffin", "December"],
    ["Emily Chen", "132", "Iced Americano", "525", "8:00 AM", "9:00 PM", "4", "Cinnamon", "July"],
    ["Michael Rodriguez", "72", "Mocha", "288", "7:30 AM", "6:00 PM", "2", "Chocolate Chip Cookie", "November"],
    ["Olivia Patel", "89", "Pumpkin Spice Latte", "356", "6:30 AM", "8:00 PM", "3", "Banana Bread", "September"],
  ].map((values, i) => ({
    id: `c${i + 1}`,
    values: Object.fromEntries(
      ["name", "purchases", "drink", "spend", "earliest", "latest", "visits", "pastry", "month"].map((id, j) => [id, values[j]!]),
    ),
  })),
};

/** Short names students may type instead of the full column name. Matched after normalizing. */
export const DEFAULT_ALIASES: Record<string, string[]> = {
  name: ["Customer", "Customer Name", "First Name"],
  purchases: ["Purchases", "Orders", "Number of Orders"],
  drink: ["Drink", "Favorite Drink"],
  spend: ["Spend", "Total Spend", "Amount Spent"],
  earliest: ["Earliest Order", "Earliest"],
  latest: ["Latest Order", "Latest"],
  visits: ["Most Visits", "Visits in One Day"],
  pastry: ["Pastry", "Favorite Pastry"],
  month: ["Month", "Busiest Month"],
};

export const DEFAULT_QUESTIONS: LessonContent["questions"] = [
  {
    id: "q1",
    prompt:
      "Think of a time a business sent you something personal that could only have come from your data (a recap, a " +
      "recommendation, a birthday offer). What was it, and how did it make you feel?",
  },
  {
    id: "q2",
    prompt:
      "List the websites, apps and devices that collect data about you. If someone put all of that data together, " +
      "what story would it tell about you?",
  },
  {
    id: "q3",
    prompt:
      "How could a business use that data to make its ads feel more personal and persuasive to you? Where would you " + "draw the line?",
  },
];

const levels = (three: string, two: string, one: string) => [
  { points: 3, label: "Strong", descriptor: three },
  { points: 2, label: "Developing", descriptor: two },
  { points: 1, label: "Beginning", descriptor: one },
];

export const DEFAULT_RUBRIC: Rubric = {
  criteria: [
    {
      id: "ideation",
      title: "Ideation",
      description: "Choosing datapoints that customers would enjoy seeing about themselves.",
      levels: levels(
        "All three chosen datapoints would genuinely interest a customer.",
        "Two of the chosen datapoints would interest a customer.",
        "Only one chosen datapoint would interest a customer.",
      ),
    },
    {
      id: "copywriting",
      title: "Copywriting",
      description: "Reusable copy that thanks the customer and presents each datapoint with personality.",
      levels: levels(
        "Clear and engaging, and it uses all three datapoints.",
        "Mostly clear and somewhat engaging; uses some of the datapoints.",
        "Hard to follow, or the datapoints are missing.",
      ),
    },
    {
      id: "design",
      title: "Design",
      description: "A graphic that carries the copy and is ready to share from a phone.",
      levels: levels(
        "Clear, includes the copy, and is easy to share on social media.",
        "Somewhat clear, includes most of the copy, and could be posted.",
        "Unclear or missing the copy, and not suited to sharing.",
      ),
    },
    {
      id: "reflection",
      title: "Reflection / Discussion",
      description: "Thoughtful answers to the reflection questions and part in the discussion.",
      levels: levels("Engages deeply and thoughtfully.", "Engages somewhat.", "Engages very little."),
    },
  ],
};

export function defaultLessonContent(): LessonContent {
  return structuredClone({
    caseStudy: CASE_STUDY,
    brief: BRIEF,
    copyExample: COPY_EXAMPLE,
    dataset: DEFAULT_DATASET,
    aliases: DEFAULT_ALIASES,
    questions: DEFAULT_QUESTIONS,
    lessonPlan: DEFAULT_LESSON_PLAN,
  });
}

/**
 * An assignment's content as the app uses it. Content stored before a field existed lacks it; the
 * default lesson fills the gap when reading, and nothing stored is changed or lost.
 */
export function withLessonDefaults(stored: StoredLessonContent): LessonContent {
  return {
    ...stored,
    copyExample: stored.copyExample ?? COPY_EXAMPLE,
    lessonPlan: { ...structuredClone(DEFAULT_LESSON_PLAN), ...stored.lessonPlan },
  };
}

/**
 * The content as a student receives it: the teacher's lesson plan (the parts' notes, the discussion
 * note and prompts, the grouping) is the teacher's own, so it is blanked, not merely left unshown —
 * whatever reaches a student's page reaches its page data too.
 */
export function studentLessonContent(content: LessonContent): LessonContent {
  return { ...content, lessonPlan: { parts: [], discussionNote: "", discussionPrompts: "", grouping: "" } };
}
