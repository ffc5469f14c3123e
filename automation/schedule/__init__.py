"""Around the session: reminders with calendar invitations, overdue action items, double-booking, client
session dates, the satisfaction survey and bookings from Calendly."""
