"""Contact: the contact page, its general enquiry form and the enquiries people send through it."""
