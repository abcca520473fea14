// Small word lists from which categories and item titles are composed, so generated
// recommendations read like a shop ("Rustic Linen Lamp" next to "Nordic Oak Lamp").
export const NOUNS = [
  "Mug", "Lamp", "Cushion", "Blanket", "Vase", "Candle", "Teapot", "Bowl", "Clock", "Mirror",
  "Rug", "Basket", "Planter", "Frame", "Notebook", "Backpack", "Scarf", "Wallet", "Umbrella", "Apron",
  "Tray", "Jug", "Stool", "Shelf", "Kettle", "Lantern", "Coaster", "Tote", "Hat", "Glove",
  "Bottle", "Jar", "Pen", "Speaker", "Headphones", "Watch", "Sneaker", "Jacket", "Sweater", "Puzzle",
] as const;

/** Category styles: category c is STYLES[c / NOUNS.length] + the plural of NOUNS[c]. */
export const STYLES = [
  "Classic", "Outdoor", "Kids'", "Vintage", "Modern", "Travel", "Luxury", "Eco", "Office", "Garden",
  "Festive", "Sport",
] as const;

export const ADJECTIVES = [
  "Rustic", "Nordic", "Cosy", "Bold", "Minimal", "Handmade", "Bright", "Soft", "Sturdy", "Elegant",
  "Tiny", "Grand", "Retro", "Sleek", "Playful", "Calm", "Golden", "Misty", "Sunny", "Midnight",
] as const;

export const MATERIALS = [
  "Linen", "Oak", "Ceramic", "Glass", "Wool", "Cotton", "Bamboo", "Leather", "Copper", "Marble",
  "Walnut", "Velvet", "Steel", "Cork", "Stoneware", "Rattan",
] as const;

export const REGIONS = ["north", "south", "east", "west", "central", "islands", "abroad"] as const;
export const REGION_WEIGHTS = [24, 22, 18, 16, 12, 3, 5];

export const TIERS = ["basic", "silver", "gold"] as const;

export const AGE_BANDS = ["18-24", "25-34", "35-44", "45-54", "55-64", "65+"] as const;
export const AGE_WEIGHTS = [14, 27, 23, 17, 12, 7];

export const COLOURS = ["sage", "ivory", "charcoal", "rust", "navy", "mustard", "blush", "teal", "sand", "plum", "olive", "slate"] as const;

export const plural = (noun: string) => (noun.endsWith("s") ? noun : /(ch|sh|x)$/.test(noun) ? noun + "es" : noun + "s");
