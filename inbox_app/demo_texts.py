"""The demo business's words: customer names, what they write about on each channel, and
the staff's answers (inbox_app.demo turns them into six months of messages)."""

FIRST = (
    "Alice", "Ben", "Carla", "Dev", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Keiko",
    "Liam", "Mara", "Nils", "Olu", "Paula", "Quinn", "Rosa", "Sam", "Tara", "Umar", "Vera",
    "Wes", "Xena", "Yusuf", "Zoe", "Amir", "Bea", "Cal", "Dina", "Emil", "Fay", "Gus", "Hana",
    "Ivo", "Jade", "Kofi", "Lena", "Milo", "Nora",
)
LAST = (
    "Adams", "Becker", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Hughes", "Ito", "Jensen",
    "Kowalski", "Lopez", "Moreau", "Novak", "O'Brien", "Patel", "Quist", "Rossi", "Silva",
    "Tanaka", "Umeh", "Varga", "Weber", "Xu", "Young", "Zimmer",
)
COMPANIES = (
    "Saltwater Bistro", "The Rope Walk", "Gull & Anchor", "Pier 7 Kitchen", "Little Lighthouse Bakery",
    "Tidewater Hotel",
)

TOPICS = {
    "late_order": (
        "Order #{order} still hasn't arrived",
        [
            "Hi, I ordered two bags of the Lighthouse blend ten days ago (order #{order}) and nothing has arrived. Tracking hasn't moved since Monday. Can you check?",
            "My order #{order} is over a week late and nobody answers the phone. Really disappointed, it was a birthday present.",
            "Still waiting on order #{order}. This is the second time a delivery has gone missing. Honestly thinking of cancelling my subscription.",
        ],
    ),
    "wrong_grind": (
        "Wrong grind in my bag",
        [
            "I asked for whole beans but got espresso grind in order #{order}. Not a big deal but can you swap it?",
            "The bag I got is ground for filter, I use an espresso machine. Useless to me, pretty annoyed.",
        ],
    ),
    "subscription": (
        "Pausing my subscription",
        [
            "Could I pause my monthly subscription for August? We're away. Thanks so much!",
            "How do I skip next month's delivery? Love the coffee, just have too much at the moment.",
            "Please change my subscription from 250 g to 500 g, we're drinking more of it. Great stuff!",
        ],
    ),
    "praise": (
        "Thank you!",
        [
            "Just wanted to say the new Ethiopian single origin is fantastic. Best coffee I've had all year, thank you!",
            "The team at the café counter were lovely this morning. Amazing flat white as always.",
            "Absolutely love the Harbour Lane decaf, finally a decaf that tastes like coffee. Great job!",
        ],
    ),
    "cafe_complaint": (
        "Visit to the café",
        [
            "Waited 25 minutes for two coffees on Saturday and they were lukewarm. Terrible experience, won't be back soon.",
            "The barista was rude when I asked for oat milk. Really unpleasant, not what I expect from you.",
            "Café was filthy this afternoon, tables sticky and the bin overflowing. Disappointing.",
        ],
    ),
    "wholesale": (
        "Wholesale enquiry",
        [
            "We're opening a 40-seat bistro in March and would like to talk about wholesale beans and training. Who should I speak to?",
            "Could you send your wholesale price list? We go through about 8 kg a week.",
            "Our last wholesale delivery was 3 kg short. Please sort this out before the weekend rush, we're nearly out.",
        ],
    ),
    "refund": (
        "Refund request",
        [
            "The grinder I bought from you stopped working after two weeks. I want a refund, this is unacceptable.",
            "I was charged twice for order #{order}. Please refund the duplicate payment.",
            "Damaged bag arrived, beans all over the box. Can I get a refund or a replacement?",
        ],
    ),
    "question": (
        "Quick question",
        [
            "Do you have anything low-acid? My partner finds most coffee too sharp.",
            "Are your bags compostable? Want to make sure I bin them properly.",
            "What are your opening hours over the holidays?",
            "Do you still do the cupping evenings? Would love to book two places.",
        ],
    ),
    "gift": (
        "Gift card",
        [
            "Can I buy a gift card online and have it emailed to my sister?",
            "My gift card code isn't working at checkout. Says invalid. Help?",
        ],
    ),
}

SOCIAL_TEXT = {
    "praise": [
        "Morning ritual sorted: @harbourlane Lighthouse blend and the sea view. Best coffee in town ☕",
        "Shout out to Harbour Lane Coffee for the kindest café team. Great flat whites!",
        "Tried the new Ethiopian from Harbour Lane, wow. Blueberry notes for real. Love it.",
    ],
    "late_order": [
        "@harbourlane my order has been 'processing' for 9 days. Anyone home? Not impressed.",
        "Hey Harbour Lane, where is my subscription box? Second month in a row it's late. Frustrating.",
    ],
    "cafe_complaint": [
        "Harbour Lane café was a mess today. 30 min wait, cold latte, no apology. Awful.",
        "Really disappointed with @harbourlane today, rude service at the counter.",
    ],
    "question": [
        "@harbourlane do you ship to Norway? Asking for a coffee-mad friend.",
        "Is the Harbour Lane cupping night still on this Thursday?",
        "@harbourlane any decaf that works for cold brew?",
    ],
    "competitor": [
        "Bean Barons opened a shop on the high street, queue round the block. Anyone tried it?",
        "Switched from Roastery Nine to Harbour Lane and honestly not looking back, much fresher beans.",
        "Bean Barons subscription is cheaper but the coffee is stale half the time. Meh.",
        "Roastery Nine's new espresso blend is excellent, might switch.",
    ],
}

PHONE_TEXT = {
    "late_order": "Called about order #{order} not arriving; checked tracking with courier, promised a call back.",
    "wholesale": "Restaurant owner asking about wholesale terms and a tasting visit; wants a call back this week.",
    "refund": "Customer angry about a broken grinder, wants money back; said they'd leave a bad review.",
    "question": "Asked about holiday opening hours and whether we sell gift cards in the café.",
    "subscription": "Wanted to pause subscription for a month; happy with the coffee.",
    "cafe_complaint": "Complained about a long wait and cold drinks on Saturday; very upset.",
    "gift": "Gift card code not working online; read it out, works now. Thanked us.",
}

REPLIES = {
    "late_order": "Hi {first}, I'm so sorry about the delay. I've chased the courier and sent a replacement today, tracking follows by email.",
    "wrong_grind": "Sorry about that, {first}! A bag of whole beans is on its way, keep the other one.",
    "subscription": "Done, {first}: your subscription is updated. Enjoy!",
    "praise": "Thank you so much, {first}! That made the whole team's day.",
    "cafe_complaint": "{first}, I'm really sorry. That's not the café we want to run. Your next two coffees are on us, and I've talked with the team.",
    "wholesale": "Thanks {first}! I'd love to set up a tasting. Would Tuesday or Wednesday morning work?",
    "refund": "I'm sorry, {first}. I've issued the refund; it should show within 3–5 days.",
    "question": "Good question, {first}! Yes, we do. I've put the details on our website and can set some aside for you.",
    "gift": "Hi {first}, sorted: the code works now, and I've added a little extra credit for the trouble.",
    "competitor": "",
}

FOLLOW_UPS = {
    "positive": ["Thanks, that was quick!", "Brilliant, thank you!", "Perfect, much appreciated."],
    "negative": [
        "Still nothing. This is getting ridiculous.",
        "That doesn't solve it. I want my money back.",
        "Nobody has called me back yet. Very poor service.",
    ],
}

TEMPLATES = {
    "Order on its way": "Hi {first_name}, good news: your order left the roastery today and "
                        "tracking follows by email.\n\n{staff} at {business}",
    "Sorry for the delay": "Hi {first_name}, I'm sorry your order is late. I've chased the "
                           "courier and will write again as soon as I hear back.\n\n"
                           "{staff} at {business}",
    "Refund issued": "Hi {first_name}, I've issued your refund; it should show within 3–5 "
                     "working days.\n\n{staff} at {business}",
    "Thanks for the review": "Thank you so much, {first_name}! That made the whole team's "
                             "day.\n\n{staff} at {business}",
}
